// Marks the article ready for the browser tests once every widget has drawn its first curve.
await Promise.all([...document.querySelectorAll('elu-playground')].map((e) => customElements.whenDefined('elu-playground').then(() => e.ready)));
document.body.dataset.ready = 'true';
