// Preloaded with `node --import` by the CLI tests: every read of a .smalt file throws a
// plain Error (no errno code), standing in for a bug inside smalt, so the tests can see
// how the CLI reports an internal error.
import fs from "node:fs";

const readFileSync = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  if (String(file).endsWith(".smalt")) throw new Error("injected failure while reading a source file");
  return readFileSync.call(this, file, ...rest);
};
