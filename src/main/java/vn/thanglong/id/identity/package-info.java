/** User accounts of each realm and the claims they release. */
@NullMarked
package vn.thanglong.id.identity;

import org.jspecify.annotations.NullMarked;
