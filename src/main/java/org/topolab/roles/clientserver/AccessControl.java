package org.topolab.roles.clientserver;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.topolab.settings.Names;
import org.topolab.settings.Settings;

/**
 * A server's access-control list: its users with their secrets, and which users may ask for which
 * keys. A request is allowed if it presents a user's name with that user's secret, and the entry
 * that covers its key names that user (or allows any user). A key that no entry covers is allowed
 * to no one. Enforced, the server refuses what is not allowed; not enforced, it only counts it.
 */
public final class AccessControl {

  /** Stands for any user with valid credentials, as a resource or as a user list. */
  static final String ANY = "*";

  private static final Pattern RANGE = Pattern.compile("(\\d{1,18})(?:-(\\d{1,18}))?");

  /** The keys {@code first .. last} (inclusive), allowed to {@code users}; null: to any user. */
  private record Entry(String resource, long first, long last, Set<String> users) {}

  private final Map<String, String> secrets;
  private final List<Entry> ranges;
  private final Entry rest;
  private final boolean enforced;

  private AccessControl(Map<String, String> secrets, List<Entry> ranges, Entry rest, boolean enforced) {
    this.secrets = secrets;
    this.ranges = ranges;
    this.rest = rest;
    this.enforced = enforced;
  }

  /** Whether the server refuses what the list does not allow, rather than only counting it. */
  public boolean enforced() {
    return enforced;
  }

  /** Whether the list allows {@code request}: valid credentials, of a user its key's entry names. */
  boolean allows(Request request) {
    Credentials credentials = request.credentials();
    if (credentials == null || credentials.secret() == null || !credentials.secret().equals(secrets.get(credentials.user()))) {
      return false;
    }
    Entry entry = rest;
    for (Entry range : ranges) {
      if (request.key() >= range.first() && request.key() <= range.last()) {
        entry = range;
        break;
      }
    }
    return entry != null && (entry.users() == null || entry.users().contains(credentials.user()));
  }

  /**
   * Reads {@code users} (name = secret), {@code acl} (resource = users) and {@code access-control}
   * ({@code on}, the default, or {@code off}); null if there is no {@code acl}.
   */
  static AccessControl read(Settings in) {
    Settings users = in.object("users");
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String user : users.keys()) {
      secrets.put(user, users.string(user, null));
    }
    boolean enforced = in.choice("access-control", "on", List.of("on", "off")).equals("on");
    if (!in.has("acl")) {
      String example = "acl { \"*\" = [alice] } with users { alice = \"s3cret\" }";
      if (in.has("users")) {
        in.problem("users", "users are checked only against an acl; add one, such as " + example);
      }
      if (in.has("access-control")) {
        in.problem("access-control", "needs an acl to enforce, such as " + example);
      }
      return null;
    }
    if (secrets.isEmpty()) {
      in.problem("users", "an acl allows users, declared here with their secrets, such as users { alice = \"s3cret\" }");
    }
    Settings acl = in.object("acl");
    List<Entry> ranges = new ArrayList<>();
    Entry rest = null;
    for (String resource : acl.keys()) {
      Set<String> allowed = allowed(acl, resource, secrets.keySet());
      if (resource.equals(ANY)) {
        rest = new Entry(resource, 0, Long.MAX_VALUE, allowed);
        continue;
      }
      Matcher range = RANGE.matcher(resource);
      if (!range.matches()) {
        acl.problem(resource, "expected a key such as \"42\", a range of keys such as \"0-499\", or \"*\" for every other key");
        continue;
      }
      long first = Long.parseLong(range.group(1));
      long last = range.group(2) == null ? first : Long.parseLong(range.group(2));
      if (last < first) {
        acl.problem(resource, "the range ends before it starts; expected a range such as \"" + last + "-" + first + "\"");
        continue;
      }
      for (Entry other : ranges) {
        if (first <= other.last() && other.first() <= last) {
          acl.problem(resource, "overlaps \"" + other.resource() + "\"; each key may be in one range only");
        }
      }
      ranges.add(new Entry(resource, first, last, allowed));
    }
    acl.finish();
    return new AccessControl(Map.copyOf(secrets), List.copyOf(ranges), rest, enforced);
  }

  /** The users that {@code acl}'s entry {@code resource} names; null for any user. */
  private static Set<String> allowed(Settings acl, String resource, Set<String> users) {
    ConfigValue value = acl.raw(resource);
    List<ConfigValue> names = new ArrayList<>();
    if (value.valueType() == ConfigValueType.LIST) {
      names.addAll((ConfigList) value);
    } else {
      names.add(value);
    }
    Set<String> allowed = new LinkedHashSet<>();
    for (ConfigValue name : names) {
      if (name.valueType() != ConfigValueType.STRING) {
        acl.problem(resource, "expected a list of users such as [alice, bob], or \"*\" for any user; found " + Settings.describe(value));
        return Set.of();
      }
      String user = (String) name.unwrapped();
      if (user.equals(ANY)) {
        return null;
      }
      if (!users.contains(user)) {
        acl.problem(
            resource,
            "no user '" + user + "'" + Names.hint(user, users) + " among users ("
                + (users.isEmpty() ? "none" : String.join(", ", users)) + "); declare it as users { " + user + " = \"its secret\" }");
      }
      allowed.add(user);
    }
    return Set.copyOf(allowed);
  }
}
