/** The built-in account page of each realm, itself an OIDC client of its realm. */
@NullMarked
package vn.thanglong.id.account;

import org.jspecify.annotations.NullMarked;
