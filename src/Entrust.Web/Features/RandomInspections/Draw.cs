using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Entrust.Web.Features.Officers;

namespace Entrust.Web.Features.RandomInspections;

/// <summary>
/// A target that may be drawn, with its weight (1 for an ordinary target; higher for complaints or an abnormal listing) and
/// the township it is in (null in draws recorded before the township was asked: then any inspector of the pool may take it).
/// </summary>
public sealed record DrawCandidate(Guid TargetId, double Weight, Guid? TownshipId = null);

/// <summary>An inspector of the pool who may act on the plan's matter in a township on the day of the draw (LAW 10).</summary>
public sealed record DrawPower(Guid OfficerId, Guid TownshipId);

/// <summary>An inspector who may not inspect a target (回避, LAW 11).</summary>
public sealed record DrawConflict(Guid OfficerId, Guid TargetId);

/// <summary>One drawn target with its two inspectors; <see cref="Order"/> is the position in the draw, from 1.</summary>
public sealed record DrawnAssignment(int Order, Guid TargetId, Guid Inspector1Id, Guid Inspector2Id);

/// <summary>The draw's answer: the assignments, or the reason it refused (a resource key and its arguments).</summary>
public sealed record DrawResult(IReadOnlyList<DrawnAssignment> Assignments, string? RefusalKey = null, object[]? RefusalArguments = null)
{
    public bool Refused => RefusalKey is not null;

    public static DrawResult Refuse(string key, params object[] args) => new([], key, args);
}

/// <summary>
/// The random draw of 双随机、一公开 (LAW 26), a pure function of its inputs so that anyone holding the recorded seed and
/// inputs can re-run it and get the same result.
/// <para><b>Random numbers.</b> SplitMix64 (Steele, Lea and Flood 2014) seeded with the recorded 64-bit seed: a published,
/// ten-line generator that does not depend on the runtime's <see cref="Random"/>, whose seeded sequence .NET does not
/// promise to keep across versions. Uniform doubles take the top 53 bits: u = ((x &gt;&gt; 11) + 1) / 2^53, in (0, 1].</para>
/// <para><b>Targets.</b> Weighted sampling without replacement by Efraimidis and Spirakis (2006, algorithm A-Res): each
/// candidate, in the recorded order, gets the key u^(1/w) (computed as ln(u)/w, the same order without underflow); the
/// <c>count</c> largest keys are drawn, largest first. A target of weight 3 is as likely to be drawn first as three
/// targets of weight 1 together. Equal keys (practically never) keep the recorded order.</para>
/// <para><b>Inspectors.</b> The pool is shuffled with the same generator (Fisher–Yates). Each drawn target, in draw order,
/// takes the two inspectors without a conflict with it who have the fewest assignments so far; among equals, the one next
/// after the last inspector assigned in the shuffled ring. Without conflicts that is plain round-robin over the shuffle,
/// so loads differ by at most one; an inspector skipped for a conflict catches up on the next targets.</para>
/// <para><b>Where they may act.</b> With <c>powers</c> given, an inspector takes a target only if they may act in its
/// township (a township's officer in their own, entitled township; a department's officer on its matters anywhere): the
/// least-loaded choice is made among those. Without (draws recorded before), every inspector may take every target. Asking
/// changes no random number: when everyone may act everywhere the result is the one the draw gave before.</para>
/// <para>The draw refuses when the pool has fewer than two inspectors, when there is no candidate, when some candidate's
/// township has fewer than two inspectors of the pool who may act there (naming the township, before anything is drawn, so
/// that the answer does not depend on the luck of the draw), and when some drawn target has fewer than two inspectors who
/// may act there without a conflict with it (naming the target).</para>
/// </summary>
public static class Draw
{
    public static DrawResult Run(ulong seed, IReadOnlyList<DrawCandidate> candidates, IReadOnlyList<Guid> pool,
        IReadOnlyCollection<DrawConflict> conflicts, int count, IReadOnlyCollection<DrawPower>? powers = null)
    {
        if (pool.Distinct().Count() < MayAct.OfficersPerAct || pool.Distinct().Count() != pool.Count)
        {
            return DrawResult.Refuse("RandomDraw.PoolTooSmall", pool.Distinct().Count());
        }
        if (candidates.Count == 0)
        {
            return DrawResult.Refuse("RandomDraw.NoCandidates");
        }
        if (count < 1)
        {
            return DrawResult.Refuse("RandomDraw.CountTooSmall");
        }
        count = Math.Min(count, candidates.Count);
        var may = powers?.Select(p => (p.OfficerId, p.TownshipId)).ToHashSet();
        if (may is not null)
        {
            foreach (var township in candidates.Select(c => c.TownshipId).Distinct())
            {
                var staff = township is { } t ? pool.Count(o => may.Contains((o, t))) : 0;
                if (staff < MayAct.OfficersPerAct)
                {
                    return DrawResult.Refuse("RandomDraw.TownshipUnstaffed", (object?)township ?? "-", staff);
                }
            }
        }
        var rng = new SplitMix64(seed);

        // Efraimidis–Spirakis keys, then the `count` largest.
        var keys = new double[candidates.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var w = candidates[i].Weight;
            if (!(w > 0) || double.IsInfinity(w))
            {
                throw new ArgumentException($"Candidate {i} has weight {w}; weights must be positive.", nameof(candidates));
            }
            keys[i] = Math.Log(rng.NextDouble()) / w;
        }
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (a, b) => keys[b] != keys[a] ? keys[b].CompareTo(keys[a]) : a.CompareTo(b));

        // The pool, shuffled.
        var ring = pool.ToArray();
        for (var i = ring.Length - 1; i > 0; i--)
        {
            var j = (int)rng.NextBelow((ulong)(i + 1));
            (ring[i], ring[j]) = (ring[j], ring[i]);
        }
        var conflicted = conflicts.Select(c => (c.OfficerId, c.TargetId)).ToHashSet();
        var load = new int[ring.Length];
        var next = 0;
        var drawn = new List<DrawnAssignment>(count);
        for (var k = 0; k < count; k++)
        {
            var target = candidates[order[k]].TargetId;
            var township = candidates[order[k]].TownshipId ?? Guid.Empty;
            var first = Pick(target, township, -1);
            var second = first < 0 ? -1 : Pick(target, township, first);
            if (second < 0)
            {
                return DrawResult.Refuse("RandomDraw.TargetUnstaffed", target);
            }
            load[first]++;
            load[second]++;
            next = (second + 1) % ring.Length;
            drawn.Add(new DrawnAssignment(k + 1, target, ring[first], ring[second]));
        }
        return new DrawResult(drawn);

        // The least-loaded inspector who may act in the target's township, free of conflict with the target, the first such
        // from `next` round the ring.
        int Pick(Guid target, Guid township, int except)
        {
            var best = -1;
            for (var step = 0; step < ring.Length; step++)
            {
                var i = (next + step) % ring.Length;
                if (i == except || conflicted.Contains((ring[i], target)) || (may is not null && !may.Contains((ring[i], township))))
                {
                    continue;
                }
                if (best < 0 || load[i] < load[best])
                {
                    best = i;
                }
            }
            return best;
        }
    }

    /// <summary>
    /// SHA-256 (hex) over the inputs and the result, in one canonical text form (invariant culture, round-trip doubles),
    /// so that a changed seed, input or assignment changes it. A candidate's township and the powers are written only when
    /// the draw had them, so a draw recorded before they were asked hashes to the text it hashed to then.
    /// </summary>
    public static string Hash(ulong seed, IReadOnlyList<DrawCandidate> candidates, IReadOnlyList<Guid> pool,
        IReadOnlyCollection<DrawConflict> conflicts, int count, IEnumerable<DrawnAssignment> result, IReadOnlyCollection<DrawPower>? powers = null)
    {
        var text = new StringBuilder();
        text.Append("seed:").Append(seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("count:").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var c in candidates)
        {
            text.Append("c:").Append(c.TargetId.ToString("N")).Append(':').Append(c.Weight.ToString("R", CultureInfo.InvariantCulture));
            if (c.TownshipId is { } township)
            {
                text.Append(':').Append(township.ToString("N"));
            }
            text.Append('\n');
        }
        foreach (var p in pool)
        {
            text.Append("p:").Append(p.ToString("N")).Append('\n');
        }
        foreach (var x in conflicts.OrderBy(x => x.OfficerId).ThenBy(x => x.TargetId))
        {
            text.Append("x:").Append(x.OfficerId.ToString("N")).Append(':').Append(x.TargetId.ToString("N")).Append('\n');
        }
        if (powers is not null)
        {
            text.Append("powers:").Append(powers.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            foreach (var m in powers.OrderBy(m => m.OfficerId).ThenBy(m => m.TownshipId))
            {
                text.Append("m:").Append(m.OfficerId.ToString("N")).Append(':').Append(m.TownshipId.ToString("N")).Append('\n');
            }
        }
        foreach (var a in result.OrderBy(a => a.Order))
        {
            text.Append("a:").Append(a.Order.ToString(CultureInfo.InvariantCulture)).Append(':').Append(a.TargetId.ToString("N"))
                .Append(':').Append(a.Inspector1Id.ToString("N")).Append(':').Append(a.Inspector2Id.ToString("N")).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>How many targets a plan draws: a count (at most the candidates), or the proportion rounded up (at least one).</summary>
    public static int CountFor(int candidates, decimal? proportion, int? count) =>
        count is { } n ? Math.Min(n, candidates)
        : proportion is { } p && candidates > 0 ? Math.Clamp((int)Math.Ceiling(p * candidates), 1, candidates)
        : 0;

    /// <summary>A fresh seed from the operating system's cryptographic generator, drawn at the moment of the draw.</summary>
    public static ulong NewSeed() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));

    /// <summary>SplitMix64: state += golden gamma; output the state mixed by two xor-shift-multiplies.</summary>
    internal sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => ((Next() >> 11) + 1) * (1.0 / (1UL << 53));

        /// <summary>Uniform in [0, n) without modulo bias (Lemire's rejection would do too; plain rejection is simpler to re-implement).</summary>
        public ulong NextBelow(ulong n)
        {
            var limit = ulong.MaxValue - (ulong.MaxValue % n);
            ulong x;
            do
            {
                x = Next();
            } while (x >= limit);
            return x % n;
        }
    }
}
