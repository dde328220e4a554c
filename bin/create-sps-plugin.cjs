#!/usr/bin/env node
// CommonJS on purpose. require() of the ESM bundle (Node >= 20.19) loads it synchronously,
// without the asynchronous ESM loader, which costs about 10 ms of every run. Older Node 20
// releases refuse to require() ESM, so those fall back to import().
"use strict";

function load() {
  try {
    return Promise.resolve(require("../dist/cli.js"));
  } catch (error) {
    if (error.code !== "ERR_REQUIRE_ESM") throw error;
    return import("../dist/cli.js");
  }
}

// Once all output is out, exit at once (with process.exitCode): Node's own teardown of the
// heap and of the WebAssembly engine would add a few ms to every run and free nothing the
// operating system does not.
load()
  .then((cli) => cli.main())
  .then((outputIsOut) => {
    if (outputIsOut) process.exit();
  });
