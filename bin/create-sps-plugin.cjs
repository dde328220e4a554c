#!/usr/bin/env node
// CommonJS on purpose. require() of the ESM bundle (Node >= 20.19) loads it synchronously,
// without the asynchronous ESM loader: about 2.7 ms of every run, steady across bench runs.
// Older Node 20 releases refuse to require() ESM, so those fall back to import().
"use strict";

function load() {
  try {
    return Promise.resolve(require("../dist/cli.js"));
  } catch (error) {
    if (error.code !== "ERR_REQUIRE_ESM") throw error;
    return import("../dist/cli.js");
  }
}

load().then((cli) => cli.main());
