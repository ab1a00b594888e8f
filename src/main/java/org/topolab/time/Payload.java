package org.topolab.time;

/** A scheduled action that carries a message, such as a message in transit: the message's type identifies the event. */
public interface Payload {

  /** The message this action delivers. */
  Object payload();
}
