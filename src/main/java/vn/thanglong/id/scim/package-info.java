/**
 * SCIM 2.0 (RFC 7643, RFC 7644) at {@code /realms/{realm}/scim/v2}, so that agencies' HR systems
 * can provision staff: Users are staff records (with the person behind them), Groups are agency
 * units. Every write goes through the identity services, which validate, version and audit it.
 */
@NullMarked
package vn.thanglong.id.scim;

import org.jspecify.annotations.NullMarked;
