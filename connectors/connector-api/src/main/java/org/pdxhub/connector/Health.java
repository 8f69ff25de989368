package org.pdxhub.connector;

/** Whether an instance works, and a line saying why not. */
public record Health(Status status, String detail) {

    public enum Status { UP, DOWN }

    public static Health up(String detail) {
        return new Health(Status.UP, detail);
    }

    public static Health down(String detail) {
        return new Health(Status.DOWN, detail);
    }
}
