/**
 * The identity model: persons, organizations and memberships, agency units, staff records and
 * their lifelong staff ID numbers; user accounts of each realm and the claims they release.
 */
@NullMarked
package vn.thanglong.id.identity;

import org.jspecify.annotations.NullMarked;
