package org.pdxhub.hub.node;

/** The level of the platform a node serves, lowest first. */
public enum NodeLevel {
    DEPARTMENT, COUNTY, PREFECTURE, PROVINCE, NATIONAL
}
