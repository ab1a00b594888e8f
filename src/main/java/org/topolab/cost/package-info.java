/** What a run costs: prices per node-hour, per GB and one-off per group, and who pays them. */
package org.topolab.cost;
