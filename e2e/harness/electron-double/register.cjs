// Preloaded with `node --import tsx --require <this file> out/main/index.js`: makes
// `require('electron')` in the built main process resolve to the harness's test double.
'use strict';
const Module = require('node:module');
const path = require('node:path');

const target = path.join(__dirname, 'index.ts');
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveElectron(request, parent, isMain, options) {
  if (request === 'electron') return target;
  return originalResolve.call(this, request, parent, isMain, options);
};
