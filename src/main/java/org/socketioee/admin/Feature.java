package org.socketioee.admin;

/** What the server tells the UI it supports, in the {@code config} event (typed-events.ts, by its names). */
enum Feature {
    EMIT, JOIN, LEAVE, DISCONNECT, MJOIN, MLEAVE, MDISCONNECT, AGGREGATED_EVENTS, ALL_EVENTS
}
