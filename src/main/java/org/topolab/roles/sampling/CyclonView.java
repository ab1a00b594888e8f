package org.topolab.roles.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.topolab.node.GroupInfo;

/**
 * One node's partial view of its group, kept fresh by Cyclon's shuffles (Voulgaris, Gavidia and
 * van Steen, 2005): at most {@code capacity} entries, each a peer's id and its age in shuffles.
 * A plain object, with no actor and no messages of its own: the node that holds it sends the
 * {@link Offer}s it returns and hands it what comes back.
 *
 * <p>A shuffle, from node P: every age goes up by one; P takes the oldest entry, Q, out of its view,
 * and offers Q itself (age 0) and {@code length - 1} other entries drawn at random. Q answers with
 * up to {@code length} entries of its own view drawn at random (never P's, which P would discard),
 * and merges what P offered. Each side merges by discarding entries that point at itself or that it
 * has already, filling empty slots, and then replacing the entries it sent to the other. P thus
 * loses Q's entry: if Q's answer held nothing new, Q, which has just shown that it is alive, goes
 * back into P's free slot with age 0, so that a view once full stays full.
 */
public final class CyclonView implements PeerSampler {

  private static final int[] NONE = new int[0];

  /**
   * Entries one node sends another in a shuffle.
   *
   * @param peer the node they go to
   * @param ids the peers' ids
   * @param ages their ages, in the same order
   */
  public record Offer(int peer, int[] ids, int[] ages) {}

  private final int self;
  private final int[] ids;
  private final int[] ages;
  private int size;
  // The shuffle in flight: the peer asked, and the entries offered to it that its answer may replace.
  private int asked = -1;
  private int[] offered = NONE;

  /** An empty view of node {@code self} that holds at most {@code capacity} entries. */
  public CyclonView(int self, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a view holds at least one entry, not " + capacity);
    }
    this.self = self;
    this.ids = new int[capacity];
    this.ages = new int[capacity];
  }

  /**
   * Fills the view with distinct members of {@code group} other than this node, drawn uniformly
   * with {@code random}, all of age 0; every other member if there are no more than the capacity.
   */
  public void bootstrap(GroupInfo group, SplittableRandom random) {
    int others = group.count() - (group.contains(self) ? 1 : 0);
    if (others <= ids.length) {
      for (int i = 0; i < group.count() && size < ids.length; i++) {
        add(group.id(i), 0);
      }
      return;
    }
    while (size < ids.length) {
      add(group.id(random.nextInt(group.count())), 0);
    }
  }

  /** The most entries the view holds. */
  public int capacity() {
    return ids.length;
  }

  /** How many entries it holds. */
  public int size() {
    return size;
  }

  /** The ids it holds, in no particular order. */
  public int[] ids() {
    return Arrays.copyOf(ids, size);
  }

  /** The age of the entry of peer {@code id}, or -1 if the view does not hold it. */
  public int age(int id) {
    int at = indexOf(id);
    return at < 0 ? -1 : ages[at];
  }

  @Override
  public int select(SplittableRandom random, int count, int[] out) {
    int chosen = Math.min(count, size);
    drawToFront(chosen, size, random);
    System.arraycopy(ids, 0, out, 0, chosen);
    return chosen;
  }

  /**
   * Starts a shuffle of {@code length} entries: ages the view, takes the oldest entry out and
   * returns what to offer it; null if the view is empty.
   */
  public Offer shuffle(int length, SplittableRandom random) {
    if (size == 0) {
      return null;
    }
    int oldest = 0;
    for (int i = 0; i < size; i++) {
      ages[i]++;
      if (ages[i] > ages[oldest]) {
        oldest = i;
      }
    }
    int peer = ids[oldest];
    removeAt(oldest);
    int others = Math.min(length - 1, size);
    drawToFront(others, size, random);
    int[] outIds = new int[others + 1];
    int[] outAges = new int[others + 1];
    outIds[0] = self;
    System.arraycopy(ids, 0, outIds, 1, others);
    System.arraycopy(ages, 0, outAges, 1, others);
    asked = peer;
    offered = Arrays.copyOf(ids, others);
    return new Offer(peer, outIds, outAges);
  }

  /**
   * Answers a shuffle that node {@code from} started with {@code offer}: returns up to {@code
   * length} entries of this view, none of them {@code from}, and merges the offer.
   */
  public Offer answer(int from, int[] offerIds, int[] offerAges, int length, SplittableRandom random) {
    int candidates = size;
    int at = indexOf(from);
    if (at >= 0) {
      swap(at, size - 1);
      candidates--;
    }
    int chosen = Math.min(length, candidates);
    drawToFront(chosen, candidates, random);
    int[] outIds = Arrays.copyOf(ids, chosen);
    int[] outAges = Arrays.copyOf(ages, chosen);
    merge(offerIds, offerAges, outIds);
    return new Offer(from, outIds, outAges);
  }

  /** Merges node {@code from}'s answer to this view's shuffle. */
  public void accept(int from, int[] answerIds, int[] answerAges) {
    if (from != asked) {
      merge(answerIds, answerAges, NONE); // the answer to an earlier shuffle: it may fill free slots only
      return;
    }
    merge(answerIds, answerAges, offered);
    if (size < ids.length && from != self && indexOf(from) < 0) {
      add(from, 0);
    }
    asked = -1;
    offered = NONE;
  }

  /**
   * Adds the entries that are neither this node nor held already: into free slots first, then in
   * place of the entries {@code replaceable} (those sent to the other side) still held; the rest
   * are dropped.
   */
  private void merge(int[] newIds, int[] newAges, int[] replaceable) {
    int next = 0;
    for (int i = 0; i < newIds.length; i++) {
      int id = newIds[i];
      if (id == self || indexOf(id) >= 0) {
        continue;
      }
      if (size < ids.length) {
        add(id, newAges[i]);
        continue;
      }
      while (next < replaceable.length) {
        int slot = indexOf(replaceable[next++]);
        if (slot >= 0) {
          ids[slot] = id;
          ages[slot] = newAges[i];
          break;
        }
      }
    }
  }

  /** Moves {@code count} entries drawn at random from the first {@code among} to the front (partial Fisher-Yates). */
  private void drawToFront(int count, int among, SplittableRandom random) {
    for (int i = 0; i < count; i++) {
      swap(i, i + random.nextInt(among - i));
    }
  }

  private void add(int id, int age) {
    if (id != self && indexOf(id) < 0) {
      ids[size] = id;
      ages[size] = age;
      size++;
    }
  }

  private void removeAt(int at) {
    size--;
    ids[at] = ids[size];
    ages[at] = ages[size];
  }

  private void swap(int a, int b) {
    int id = ids[a];
    ids[a] = ids[b];
    ids[b] = id;
    int age = ages[a];
    ages[a] = ages[b];
    ages[b] = age;
  }

  private int indexOf(int id) {
    for (int i = 0; i < size; i++) {
      if (ids[i] == id) {
        return i;
      }
    }
    return -1;
  }
}
