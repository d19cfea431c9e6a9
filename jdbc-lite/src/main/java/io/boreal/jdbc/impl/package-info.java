/**
 * The driver's implementation: the database registry by URL ({@code DatabaseRegistry}), the
 * java.sql objects over a {@link io.boreal.actors.SqlSession}, value conversions, and the
 * mapping of engine failures to SQLExceptions ({@code SqlErrors}).
 */
package io.boreal.jdbc.impl;
