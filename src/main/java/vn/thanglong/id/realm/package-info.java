/**
 * Realms: loading and validating {@code realm-config/}, importing it into the database,
 * and resolving a realm from the exact issuer path {@code /realms/{name}}.
 */
@NullMarked
package vn.thanglong.id.realm;

import org.jspecify.annotations.NullMarked;
