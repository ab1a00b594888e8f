package org.topolab.network;

/** What one node sent and received through the network in a run. */
public record NodeTraffic(
    long messagesSent, long bytesSent, long messagesReceived, long bytesReceived, long dropped) {}
