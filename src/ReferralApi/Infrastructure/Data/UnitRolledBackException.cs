using System.Data.Common;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// The unit's work was certainly rolled back, through no fault of its own: the group it shared a
/// transaction with failed before committing (<see cref="SqliteWriteGroups"/>). Unlike a failed
/// commit, re-running the unit is safe, so it counts as transient: retried, and 503 if it persists.
/// </summary>
internal sealed class UnitRolledBackException(Exception inner)
    : DbException("The transaction this unit shared was rolled back; the unit may be run again.", inner);
