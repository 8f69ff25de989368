package org.pdxhub.hub.catalog;

/** How often the provider updates the resource's data (更新周期). */
public enum UpdateCycle {
    REAL_TIME, DAILY, WEEKLY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY, ON_CHANGE
}
