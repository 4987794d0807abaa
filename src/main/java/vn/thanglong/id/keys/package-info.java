/** Signing keys per realm: loading (Bouncy Castle), JWKS publication, rotation, JCA providers. */
@NullMarked
package vn.thanglong.id.keys;

import org.jspecify.annotations.NullMarked;
