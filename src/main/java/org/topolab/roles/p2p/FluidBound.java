package org.topolab.roles.p2p;

import org.topolab.distribution.Distribution;
import org.topolab.node.GroupInfo;

/**
 * The fluid lower bound on the time to distribute a file of F bytes to N receivers (Kurose and
 * Ross, "Computer Networking", section 2.5): client-server max(N·F/u_s, F/d_min); peer-to-peer
 * max(F/u_s, F/d_min, N·F/(u_s + Σu_i)). Bandwidths in bits per second; infinite ones never bind.
 *
 * @param receivers N
 * @param serverUp u_s, the origin's total uplink
 * @param minDown d_min, the slowest receiver's downlink
 * @param peersUp Σu_i, the receivers' total uplink (0 for downloaders, which never upload)
 * @param peerToPeer whether receivers share with each other
 */
public record FluidBound(int receivers, double serverUp, double minDown, double peersUp, boolean peerToPeer) {

  /**
   * The bound for the group {@code receivers} fed by the file-server group {@code source}, from
   * their links; null if there is none: no source, or receivers that do not all start at once.
   */
  static FluidBound of(GroupInfo receivers, GroupInfo source, boolean peerToPeer, Distribution start) {
    if (source == null || !(start instanceof Distribution.Constant)) {
      return null;
    }
    return new FluidBound(
        receivers.count(),
        source.count() * source.link().upBitsPerSecond(),
        receivers.link().downBitsPerSecond(),
        peerToPeer ? receivers.count() * receivers.link().upBitsPerSecond() : 0,
        peerToPeer);
  }

  /** The bound in seconds for a file of {@code fileBytes}. */
  public double seconds(long fileBytes) {
    double bits = fileBytes * 8.0;
    double download = bits / minDown;
    if (!peerToPeer) {
      return Math.max(receivers * bits / serverUp, download);
    }
    return Math.max(Math.max(bits / serverUp, download), receivers * bits / (serverUp + peersUp));
  }
}
