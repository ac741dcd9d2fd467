// Binary values in the JSON that the cluster tests exchange with the Node scripts: {"$bin":"<base64>"} <-> Buffer.
export function fromWire(v) {
  if (Array.isArray(v)) return v.map(fromWire);
  if (v && typeof v === "object") {
    if (typeof v.$bin === "string") return Buffer.from(v.$bin, "base64");
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromWire(x)]));
  }
  return v;
}

export function toWire(v) {
  if (Buffer.isBuffer(v) || v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
    return { $bin: Buffer.from(v).toString("base64") };
  }
  if (Array.isArray(v)) return v.map(toWire);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toWire(x)]));
  return v;
}
