using System.Linq.Expressions;

namespace Entrust.Web.Platform;

/// <summary>
/// Joins a rule's query expressions (its home's <c>Expression&lt;Func&lt;T,bool&gt;&gt;</c>) into one WHERE for EF, so a list
/// that asks "open or late" or "not open" reuses the home instead of re-typing the rule.
/// </summary>
public static class Predicates
{
    /// <summary>The expressions joined by OR over one parameter.</summary>
    public static Expression<Func<T, bool>> Or<T>(params Expression<Func<T, bool>>[] parts)
    {
        var x = Expression.Parameter(typeof(T), "x");
        var body = parts.Select(p => new Rebind(p.Parameters[0], x).Visit(p.Body)).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<T, bool>>(body, x);
    }

    /// <summary>The expression negated.</summary>
    public static Expression<Func<T, bool>> Not<T>(Expression<Func<T, bool>> rule) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(rule.Body), rule.Parameters);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
