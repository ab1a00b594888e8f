package org.topolab.cluster;

/**
 * A message between the JVMs of a cluster run. The marker is bound to Jackson CBOR in
 * application.conf: nothing crosses members by Java serialisation.
 */
public interface ClusterMessage {}
