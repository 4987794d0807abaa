/** The audit trail: who changed what, when, with the state before and after; append-only. */
@NullMarked
package vn.thanglong.id.audit;

import org.jspecify.annotations.NullMarked;
