/**
 * The only package that touches the authorization-server configurer DSL: security filter
 * chains, token customizers, the userinfo mapper and protocol extensions.
 */
@NullMarked
package vn.thanglong.id.oidc;

import org.jspecify.annotations.NullMarked;
