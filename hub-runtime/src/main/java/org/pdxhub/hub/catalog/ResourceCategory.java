package org.pdxhub.hub.catalog;

/** Art. 12: base databases (基础库), theme databases (主题库), or a department's own data (部门库). */
public enum ResourceCategory {
    BASE, THEME, DEPARTMENT
}
