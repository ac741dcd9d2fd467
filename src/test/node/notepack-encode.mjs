// Prints the hex of notepack.io's encoding of a JSON value given as the argument ({"$bin":"<base64>"} is a
// Buffer), for NotepackTest's byte-for-byte comparison with the Java codec.
import notepack from "notepack.io";

const fromWire = (v) => {
  if (Array.isArray(v)) return v.map(fromWire);
  if (v && typeof v === "object") {
    if (typeof v.$bin === "string") return Buffer.from(v.$bin, "base64");
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromWire(x)]));
  }
  return v;
};
console.log(notepack.encode(fromWire(JSON.parse(process.argv[2]))).toString("hex"));
