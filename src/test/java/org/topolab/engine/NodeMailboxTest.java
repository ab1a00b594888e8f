package org.topolab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ActorCell;
import org.apache.pekko.actor.ActorRefWithCell;
import org.apache.pekko.actor.Nobody$;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MessageQueue;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.NodeTestKit;

/** A node's mailbox keeps its messages in order, and takes messages from other threads safely. */
class NodeMailboxTest {

  private static Envelope envelope(String message) {
    return Envelope.apply(message, Nobody$.MODULE$, null);
  }

  private static MessageQueue queue() {
    return new NodeMailbox(null, null).create(scala.Option.empty(), scala.Option.empty());
  }

  private static List<Object> drain(MessageQueue queue) {
    List<Object> messages = new ArrayList<>();
    for (Envelope next = queue.dequeue(); next != null; next = queue.dequeue()) {
      messages.add(next.message());
    }
    return messages;
  }

  @Test
  void everyNodeHasOne() {
    try (NodeTestKit kit = NodeTestKit.builder().group("nodes", 1).build()) {
      ActorRef<String> node = kit.spawn(0, Behaviors.<String>empty());
      ActorCell cell = (ActorCell) ((ActorRefWithCell) Adapter.toClassic(node)).underlying();
      assertThat(cell.mailbox().messageQueue()).isInstanceOf(NodeMailbox.Queue.class);
    }
  }

  @Test
  void theOwnersMessagesComeOutInTheOrderTheyWentIn() {
    MessageQueue queue = queue();
    assertThat(queue.hasMessages()).isFalse();
    for (String message : List.of("a", "b", "c", "d")) {
      queue.enqueue(null, envelope(message));
    }
    assertThat(queue.hasMessages()).isTrue();
    assertThat(queue.numberOfMessages()).isEqualTo(4);
    assertThat(queue.dequeue().message()).isEqualTo("a");
    queue.enqueue(null, envelope("e"));
    assertThat(drain(queue)).containsExactly("b", "c", "d", "e");
    assertThat(queue.hasMessages()).isFalse();
    assertThat(queue.numberOfMessages()).isZero();
  }

  @Test
  void aMessageFromAnotherThreadIsKeptApartAndStillDelivered() throws InterruptedException {
    MessageQueue queue = queue();
    Thread other = new Thread(() -> queue.enqueue(null, envelope("from elsewhere")));
    other.start();
    other.join();
    assertThat(queue.hasMessages()).isTrue();
    queue.enqueue(null, envelope("own"));
    assertThat(queue.numberOfMessages()).isEqualTo(2);
    assertThat(drain(queue)).containsExactly("own", "from elsewhere");
  }

  @Test
  void whatIsLeftWhenTheNodeStopsGoesToDeadLetters() {
    MessageQueue queue = queue();
    queue.enqueue(null, envelope("x"));
    queue.enqueue(null, envelope("y"));
    MessageQueue deadLetters = queue();
    queue.cleanUp(null, deadLetters);
    assertThat(queue.hasMessages()).isFalse();
    assertThat(drain(deadLetters)).containsExactly("x", "y");
  }
}
