/**
 * The server side of the Socket.IO Admin UI ({@code @socket.io/admin-ui} 0.5.1, Node's {@code instrument(io, opts)}):
 * the {@code /admin} namespace that the UI's built files (https://admin.socket.io, or the npm package's
 * {@code ui/dist}) connect to. Off unless {@code socketio.admin.enabled}; see {@link org.socketioee.admin.AdminUi}.
 * Built only on the public server API (namespaces, socket catch-all listeners, the adapter's room events and the
 * connection observers), as the Node package is.
 */
package org.socketioee.admin;
