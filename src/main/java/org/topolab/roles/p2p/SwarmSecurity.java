package org.topolab.roles.p2p;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.topolab.role.SummaryRow;

/**
 * What the peers of one group count of corrupt chunks (known by the simulator for what they are,
 * whether a peer verifies or not) and of the neighbours they banned for them. Part of their {@link
 * DownloadMetrics}, merged with them.
 */
final class SwarmSecurity {

  /**
   * What protects a group of peers and what threatens it.
   *
   * @param verifies whether its peers verify chunks
   * @param malice how its malicious peers misbehave
   * @param malicious how many of its peers do
   */
  record Policy(boolean verifies, Malice malice, int malicious) {}

  private long corruptReceived;
  private long corruptAccepted;
  private long wastedBytes;
  private long completedCorrupt;
  private long banned;

  /** A corrupt chunk of {@code bytes} arrived; {@code accepted}: kept as if it were genuine. */
  synchronized void corrupt(long bytes, boolean accepted) {
    corruptReceived++;
    wastedBytes += bytes;
    if (accepted) {
      corruptAccepted++;
    }
  }

  /** A peer holds every chunk, some of them corrupt: it believes it is done. */
  synchronized void completedCorrupt() {
    completedCorrupt++;
  }

  /** A peer stopped trading with a neighbour that sent it a chunk that failed verification. */
  synchronized void banned() {
    banned++;
  }

  synchronized void merge(SwarmSecurity other) {
    synchronized (other) {
      corruptReceived += other.corruptReceived;
      corruptAccepted += other.corruptAccepted;
      wastedBytes += other.wastedBytes;
      completedCorrupt += other.completedCorrupt;
      banned += other.banned;
    }
  }

  /**
   * Writes {@code security}: {@code protected} (whether the peers verify), the group's {@code
   * malicious} peers and their {@code malice}, and the counts.
   */
  synchronized void write(ObjectNode group, Policy policy) {
    ObjectNode security = group.putObject("security");
    security.put("protected", policy.verifies());
    security.put("malicious", policy.malicious());
    security.put("malice", policy.malice().key());
    security.put("corrupt-chunks-received", corruptReceived);
    security.put("corrupt-chunks-accepted", corruptAccepted);
    security.put("wasted-bytes", wastedBytes);
    security.put("completed-corrupt", completedCorrupt);
    security.put("banned-peers", banned);
  }

  /** Puts the counts into the summary row, if there is anything to count. */
  synchronized void summarize(String group, SummaryRow row, Policy policy) {
    if (corruptReceived == 0 && policy.verifies() && policy.malicious() == 0) {
      return;
    }
    row.put(group + " corrupt in", Long.toString(corruptReceived));
    row.putHeadline(group + " corrupt kept", Long.toString(corruptAccepted));
    row.put(group + " done corrupt", Long.toString(completedCorrupt));
  }
}
