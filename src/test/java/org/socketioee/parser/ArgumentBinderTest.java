package org.socketioee.parser;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Binding received arguments: what fits is bound, what does not raises the declared BindingException. */
class ArgumentBinderTest {
    private final SocketPacket event = new SocketPacket(SocketPacketType.EVENT, "/", null,
            Json.createArrayBuilder().add("e").add(41).add(Json.createObjectBuilder().add("not", "a number")).build());

    @Test
    void aValueThatFitsIsBound() {
        assertThat(ArgumentBinder.bind(event, event.args().get(0), Integer.class)).isEqualTo(41);
    }

    @Test
    void aValueThatDoesNotFitRaisesBindingException() {
        // regression: it was a plain IllegalArgumentException, logged at SEVERE with a stack trace by the server
        assertThatThrownBy(() -> ArgumentBinder.bind(event, event.args().get(1), Integer.class))
                .isInstanceOf(BindingException.class)
                .hasMessageStartingWith("cannot bind {\"not\":\"a number\"} to java.lang.Integer");
        assertThatThrownBy(() -> ArgumentBinder.bind(event, event.args().get(0), List.class))
                .isInstanceOf(BindingException.class);
    }
}
