using System.Linq.Expressions;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.Officers;

public enum CertificateState
{
    Active = 0,    // 有效（未暂扣、未吊销）
    Suspended = 1, // 暂扣
    Revoked = 2,   // 注销/吊销
}

/// <summary>Why a certificate is not valid on a day; <see cref="Valid"/> when it is.</summary>
public enum CertificateValidity
{
    Valid,
    NotYetIssued,
    Expired,
    Suspended,
    Revoked,
    ReviewOverdue,
}

/// <summary>
/// An enforcement certificate (执法证) held by one officer, covering one or more domains (领域).
/// It is valid on a day when issued by then, not expired, neither suspended nor revoked, and its annual
/// review (年审) not overdue — derived, never stored. The unit columns copy the holder's unit for scoping.
/// </summary>
public sealed class Certificate
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid OfficerId { get; private set; }
    public Guid? TownshipId { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public string Number { get; private set; } = "";
    public List<string> Domains { get; private set; } = [];
    public DateOnly IssuedOn { get; private set; }
    public DateOnly ExpiresOn { get; private set; }

    /// <summary>The day by which the next annual review must be passed; the certificate is not valid after it.</summary>
    public DateOnly ReviewDueOn { get; private set; }
    public DateOnly? LastReviewedOn { get; private set; }
    public CertificateState State { get; private set; }
    public DateOnly? StateChangedOn { get; private set; }
    public string? StateReason { get; private set; }

    /// <summary>The exam result the certificate was issued on; null for certificates issued before the platform.</summary>
    public Guid? ExamScoreId { get; private set; }

    private Certificate() { }

    /// <summary>An officer who may not hold a certificate (not established staff, or no longer serving); null when they may.</summary>
    public static RuleViolation? HolderProblem(Officer holder) => holder.MayHoldCertificate ? null
        : new RuleViolation(holder.IsActive ? "Certificate.NotEstablishedStaff" : "Certificate.HolderNotActive", holder.Name) { Field = "OfficerId" };

    /// <summary>No domain named, or one that does not exist; null when the domains pass.</summary>
    public static RuleViolation? DomainsProblem(IEnumerable<string> domains)
    {
        var codes = domains.Select(d => d.Trim()).Where(d => d.Length > 0).Distinct().ToList();
        return codes.Count == 0 ? new RuleViolation("Certificate.DomainsRequired") { Field = "Domains" }
            : codes.FirstOrDefault(d => !Catalog.Domains.IsKnown(d)) is { } unknown
                ? new RuleViolation("Certificate.UnknownDomain", unknown) { Field = "Domains" } : null;
    }

    /// <summary>Issues a certificate; refuses a holder who may not hold one and domains that don't exist.</summary>
    public Certificate(Officer holder, string number, IEnumerable<string> domains, DateOnly issuedOn,
        QualificationSettings settings, Guid? examScoreId)
    {
        if ((HolderProblem(holder) ?? DomainsProblem(domains)) is { } refused)
        {
            throw refused;
        }
        var codes = domains.Select(d => d.Trim()).Where(d => d.Length > 0).Distinct().ToList();
        if (string.IsNullOrWhiteSpace(number) || number.Trim().Length > 50)
        {
            throw new RuleViolation("Certificate.NumberRequired") { Field = "Number" };
        }
        DistrictId = holder.DistrictId;
        OfficerId = holder.Id;
        TownshipId = holder.TownshipId;
        DepartmentId = holder.DepartmentId;
        Number = number.Trim();
        Domains = codes;
        IssuedOn = issuedOn;
        ExpiresOn = issuedOn.AddYears(settings.CertificateValidityYears).AddDays(-1);
        ReviewDueOn = issuedOn.AddMonths(settings.ReviewIntervalMonths);
        ExamScoreId = examScoreId;
    }

    /// <summary>
    /// Why the certificate is or is not valid on <paramref name="day"/>. A revocation or suspension counts from the day it was
    /// recorded, so that an act dated before it is judged as the certificate then stood (a suspension since lifted is not kept).
    /// </summary>
    public CertificateValidity ValidityOn(DateOnly day) =>
        State == CertificateState.Revoked && !(StateChangedOn > day) ? CertificateValidity.Revoked
        : day < IssuedOn ? CertificateValidity.NotYetIssued
        : day > ExpiresOn ? CertificateValidity.Expired
        : State == CertificateState.Suspended && !(StateChangedOn > day) ? CertificateValidity.Suspended
        : day > ReviewDueOn ? CertificateValidity.ReviewOverdue
        : CertificateValidity.Valid;

    /// <summary>The one rule "valid on a day" (LAW 10): issued, not expired, neither revoked nor suspended by then, review not overdue.</summary>
    public bool ValidOn(DateOnly day) => ValidityOn(day) == CertificateValidity.Valid;

    /// <summary>
    /// <see cref="ValidOn"/> for the database, the day an argument: the rule is written twice only here, side by side (a
    /// table-driven test runs both on both databases and compares). <see cref="ValidOnDay"/> binds the day to a value,
    /// <see cref="NoneValidOn{T}"/> to a column of the rows asked about.
    /// </summary>
    public static readonly Expression<Func<Certificate, DateOnly, bool>> ValidOnTheDay =
        (c, day) => (c.State == CertificateState.Active || c.StateChangedOn > day)
            && c.IssuedOn <= day && day <= c.ExpiresOn && day <= c.ReviewDueOn;

    /// <summary><see cref="ValidOnTheDay"/> on one day: every query that keeps the certificates valid on a day filters with this.</summary>
    public static Expression<Func<Certificate, bool>> ValidOnDay(DateOnly day) => Predicates.Bind(ValidOnTheDay, day);

    /// <summary>
    /// Rows naming an officer and a day (an act) for which none of <paramref name="certificates"/> of that officer is valid
    /// (<see cref="ValidOnTheDay"/>) on that row's day: a correlated NOT EXISTS, so the database returns only those rows.
    /// </summary>
    public static Expression<Func<T, bool>> NoneValidOn<T>(IQueryable<Certificate> certificates,
        Expression<Func<T, Guid>> officer, Expression<Func<T, DateOnly>> day)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var c = Expression.Parameter(typeof(Certificate), "c");
        var sameOfficer = Expression.Equal(Expression.Property(c, nameof(OfficerId)), Predicates.Substitute(officer, row));
        var valid = Predicates.Substitute(ValidOnTheDay, c, Predicates.Substitute(day, row));
        var any = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(Certificate)], certificates.Expression,
            Expression.Quote(Expression.Lambda<Func<Certificate, bool>>(Expression.AndAlso(sameOfficer, valid), c)));
        return Expression.Lambda<Func<T, bool>>(Expression.Not(any), row);
    }

    /// <summary><see cref="ValidityOn"/> equal to <paramref name="validity"/>, for the database (the certificate list's filter).</summary>
    public static Expression<Func<Certificate, bool>> ValidityIs(CertificateValidity validity, DateOnly day) => validity switch
    {
        CertificateValidity.Revoked => c => c.State == CertificateState.Revoked && (c.StateChangedOn == null || c.StateChangedOn <= day),
        CertificateValidity.NotYetIssued => c => (c.State != CertificateState.Revoked || c.StateChangedOn > day) && day < c.IssuedOn,
        CertificateValidity.Expired => c => (c.State != CertificateState.Revoked || c.StateChangedOn > day)
            && c.IssuedOn <= day && c.ExpiresOn < day,
        CertificateValidity.Suspended => c => c.State == CertificateState.Suspended && (c.StateChangedOn == null || c.StateChangedOn <= day)
            && c.IssuedOn <= day && day <= c.ExpiresOn,
        CertificateValidity.ReviewOverdue => c => (c.State == CertificateState.Active || c.StateChangedOn > day)
            && c.IssuedOn <= day && day <= c.ExpiresOn && c.ReviewDueOn < day,
        _ => ValidOnDay(day),
    };

    /// <summary>
    /// Still held on <paramref name="day"/>: not revoked (whenever that was recorded) and not expired by then. A suspended one, or one
    /// whose review is overdue, is still held: its holder is not issued another (and is no candidate for one).
    /// </summary>
    public bool HeldOn(DateOnly day) => State != CertificateState.Revoked && day <= ExpiresOn;

    /// <summary><see cref="HeldOn"/> for the database (issuing refuses a second one; the candidates list leaves holders out).</summary>
    public static Expression<Func<Certificate, bool>> HeldOnDay(DateOnly day) => c => c.State != CertificateState.Revoked && day <= c.ExpiresOn;

    public bool Covers(string domain) => Domains.Contains(domain);

    /// <summary>暂扣: the certificate stops being valid until reinstated.</summary>
    public void Suspend(DateOnly on, string reason)
    {
        Require(State == CertificateState.Active, "Certificate.NotActive");
        ChangeState(CertificateState.Suspended, on, reason);
    }

    public void Reinstate(DateOnly on, string reason)
    {
        Require(State == CertificateState.Suspended, "Certificate.NotSuspended");
        ChangeState(CertificateState.Active, on, reason);
    }

    /// <summary>注销: final. Also done by the registry the day the holder is transferred or leaves.</summary>
    public void Revoke(DateOnly on, string reason)
    {
        Require(State != CertificateState.Revoked, "Certificate.AlreadyRevoked");
        ChangeState(CertificateState.Revoked, on, reason);
    }

    /// <summary>
    /// 年审: a passed review moves the due date one interval on from the current one; a failed review suspends.
    /// </summary>
    public void Review(DateOnly on, bool passed, string? note, QualificationSettings settings)
    {
        Require(State != CertificateState.Revoked, "Certificate.AlreadyRevoked");
        if (on < IssuedOn || on > ExpiresOn)
        {
            throw new RuleViolation("Certificate.ReviewOutsideValidity") { Field = "On" };
        }
        LastReviewedOn = on;
        if (passed)
        {
            ReviewDueOn = ReviewDueOn.AddMonths(settings.ReviewIntervalMonths);
            while (ReviewDueOn < on)
            {
                ReviewDueOn = ReviewDueOn.AddMonths(settings.ReviewIntervalMonths);
            }
        }
        else if (State == CertificateState.Active)
        {
            ChangeState(CertificateState.Suspended, on, string.IsNullOrWhiteSpace(note) ? "年审不合格" : note);
        }
    }

    private void ChangeState(CertificateState state, DateOnly on, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RuleViolation("Certificate.ReasonRequired") { Field = "Reason" };
        }
        State = state;
        StateChangedOn = on;
        StateReason = reason.Trim().Length > 500 ? reason.Trim()[..500] : reason.Trim();
    }

    private static void Require(bool condition, string key)
    {
        if (!condition)
        {
            throw RuleViolation.Conflict(key);
        }
    }
}
