package org.topolab.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/**
 * The server role in virtual time against queueing theory: with Poisson arrivals, exponential
 * service, no network delay and unlimited links, a server of c workers is an M/M/c queue.
 */
class QueueingTheoryTest {

  /**
   * A scenario of {@code clients} Poisson clients, {@code rate} requests/s each, against one
   * server of {@code workers} workers with mean service time {@code serviceMs}.
   */
  private static String scenario(int clients, double rate, int workers, double serviceMs, int seconds, int queueLimit) {
    return String.join("\n",
        "name = \"M/M/c\"",
        "seed = 11",
        "duration = " + seconds + "s",
        "warmup = 20s",
        "groups {",
        "  server { role = server, workers = " + workers + ", queue-limit = " + queueLimit + ",",
        "           service-time { distribution = exponential, mean = " + serviceMs + "ms } }",
        "  clients { role = client, count = " + clients + ", target = server, timeout = 1h,",
        "            request-size = 0, response-size = 0,",
        "            arrival { distribution = poisson, rate = \"" + rate + "/s\" } }",
        "}");
  }

  /** Erlang C: the probability that an arrival has to wait, for c servers and offered load a = λ/μ. */
  static double erlangC(int c, double a) {
    double term = 1;
    double sum = 1;
    for (int k = 1; k < c; k++) {
      term *= a / k;
      sum += term;
    }
    double last = term * a / c;
    double rho = a / c;
    double waiting = last / (1 - rho);
    return waiting / (sum + waiting);
  }

  @ParameterizedTest(name = "M/M/{0} at utilisation {2}")
  @CsvSource({
    // workers, mean service ms, utilisation
    "1, 10, 0.5",
    "1, 10, 0.8",
    "4, 20, 0.75",
    "8, 40, 0.9",
  })
  void meanResponseTimeAndUtilisationMatchTheory(int workers, double serviceMs, double utilisation) throws Exception {
    double mu = 1000 / serviceMs;
    double lambda = utilisation * workers * mu;
    int clients = 50;
    // Enough requests that the sample mean is within a few tenths of a percent of the true mean
    // at this load (the waiting times of a busy queue are strongly correlated).
    int seconds = (int) Math.ceil(20 + 1_500_000 / lambda * (utilisation > 0.85 ? 2 : 1));
    ScenarioReport.RunResult run = Scenarios.run(scenario(clients, lambda / clients, workers, serviceMs, seconds, 1_000_000)).run(0);

    double a = lambda / mu;
    double expectedResponseMs = 1000 * (erlangC(workers, a) / (workers * mu - lambda) + 1 / mu);
    JsonNode requests = run.group("clients").get("requests");
    assertThat(requests.get("latency-ms").get("mean").asDouble())
        .as("mean response time, ms (theory %.3f)", expectedResponseMs)
        .isCloseTo(expectedResponseMs, within(0.05 * expectedResponseMs));
    assertThat(run.group("server").get("utilisation").asDouble())
        .isCloseTo(utilisation, within(0.02));
    assertThat(requests.get("throughput-per-s").asDouble()).isCloseTo(lambda, within(0.02 * lambda));
  }

  @Test
  void erlangCOfOneServerIsItsUtilisation() {
    // For c = 1 a waiting arrival is one that finds the server busy: P(wait) = ρ.
    assertThat(erlangC(1, 0.7)).isCloseTo(0.7, within(1e-12));
    // A textbook value: c = 2, a = 1 gives C = 1/3.
    assertThat(erlangC(2, 1.0)).isCloseTo(1.0 / 3, within(1e-12));
  }

  @Test
  void saturatedServerServesAtItsCapacity() throws Exception {
    // 4 workers at 10 ms each: capacity 400/s. Offered 800/s: half is rejected, the rest is served
    // at exactly the capacity, and the workers never rest.
    ScenarioReport.RunResult run = Scenarios.run(scenario(100, 8, 4, 10, 120, 50)).run(0);
    JsonNode requests = run.group("clients").get("requests");
    JsonNode server = run.group("server");
    assertThat(requests.get("throughput-per-s").asDouble()).isCloseTo(400, within(0.01 * 400));
    assertThat(server.get("utilisation").asDouble()).isGreaterThan(0.995);
    assertThat(requests.get("rejected").asLong()).isGreaterThan(requests.get("sent").asLong() * 4 / 10);
    assertThat(requests.get("sent").asLong())
        .isEqualTo(requests.get("ok").asLong() + requests.get("rejected").asLong()
            + requests.get("timeouts").asLong() + requests.get("failed").asLong());
  }
}
