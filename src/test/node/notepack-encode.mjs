// Prints the hex of notepack.io's encoding of a JSON value given as the argument ({"$bin":"<base64>"} is a
// Buffer), for NotepackTest's byte-for-byte comparison with the Java codec.
import notepack from "notepack.io";
import { fromWire } from "./wire.mjs";

console.log(notepack.encode(fromWire(JSON.parse(process.argv[2]))).toString("hex"));
