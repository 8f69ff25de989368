package org.pdxhub.plugin;

/** 共享属性 (art. 14): 无条件共享 / 有条件共享 / 不予共享. */
public enum ShareType {
    UNCONDITIONAL, CONDITIONAL, NONE;

    /** A move from this type to {@code to} restricts access: it needs the agency's review (art. 16). */
    public boolean isDowngradeTo(ShareType to) {
        return to.ordinal() > ordinal();
    }
}
