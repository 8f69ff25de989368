package org.pdxhub.plugin;

/** 开放属性 (art. 23): 无条件开放 / 有条件开放 / 不予开放. */
public enum OpenType {
    UNCONDITIONAL, CONDITIONAL, NONE;

    /** A move from this type to {@code to} restricts access: it needs the agency's review (art. 24). */
    public boolean isDowngradeTo(OpenType to) {
        return to.ordinal() > ordinal();
    }
}
