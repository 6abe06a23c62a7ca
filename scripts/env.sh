# Sourced by the other scripts: environment the Debian Emscripten 3.1.6 toolchain needs.
# Its JS optimizer needs Debian's acorn, which the machine's own Node does not see by default.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
