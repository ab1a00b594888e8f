package org.topolab.faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** When any fault of a run is in force: the union of their spans, for metrics that count what happens meanwhile. */
public final class FaultTimes {

  /** A run without faults. */
  public static final FaultTimes NONE = new FaultTimes(new long[0], new long[0]);

  // Disjoint spans [starts[i], ends[i]) in increasing order.
  private final long[] starts;
  private final long[] ends;

  private FaultTimes(long[] starts, long[] ends) {
    this.starts = starts;
    this.ends = ends;
  }

  /** The union of the spans of {@code faults} that last. */
  public static FaultTimes of(List<Fault> faults) {
    List<long[]> spans = new ArrayList<>();
    for (Fault fault : faults) {
      if (fault.kind().lasts() && fault.endNanos() > fault.startNanos()) {
        spans.add(new long[] {fault.startNanos(), fault.endNanos()});
      }
    }
    List<long[]> merged = union(spans);
    return new FaultTimes(merged.stream().mapToLong(s -> s[0]).toArray(), merged.stream().mapToLong(s -> s[1]).toArray());
  }

  /** The union of {@code spans}, each {start, end}: disjoint spans in increasing order. */
  public static List<long[]> union(List<long[]> spans) {
    List<long[]> sorted = new ArrayList<>(spans);
    sorted.sort((a, b) -> Long.compare(a[0], b[0]));
    List<long[]> merged = new ArrayList<>();
    for (long[] span : sorted) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && span[0] <= last[1]) {
        last[1] = Math.max(last[1], span[1]);
      } else {
        merged.add(span.clone());
      }
    }
    return merged;
  }

  /** Whether the run has no fault that lasts. */
  public boolean isEmpty() {
    return starts.length == 0;
  }

  /** Whether some fault is in force at {@code now}. */
  public boolean activeAt(long now) {
    int i = Arrays.binarySearch(starts, now);
    int span = i >= 0 ? i : -i - 2;
    return span >= 0 && now < ends[span];
  }
}
