package org.socketioee.chat;

/** One stored message, as sent to clients: {@code {"id":..,"room":..,"nick":..,"text":..,"sentAt":<epoch ms>}}. */
public record ChatMessage(long id, String room, String nick, String text, long sentAt) {
}
