/**
 * The Socket.IO v5 packet format, as the npm {@code socket.io-parser} 4.2.x writes and reads it: a text frame
 * {@code <type>[<attachments>-][<namespace>,][<ack id>][<JSON>]} followed by the binary attachments that replace
 * {@code {"_placeholder":true,"num":n}} objects in the JSON.
 * <p>
 * Independent of the Engine.IO layer: it sees strings and byte arrays, not Engine.IO packets.
 */
package org.socketioee.parser;
