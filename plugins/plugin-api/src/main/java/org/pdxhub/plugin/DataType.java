package org.pdxhub.plugin;

/** The declared type of a data item; records are checked against it at the gate. */
public enum DataType {
    STRING, INTEGER, DECIMAL, BOOLEAN, DATE, DATETIME
}
