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

    /// <summary>
    /// A two-argument rule with its second argument fixed to <paramref name="value"/>, which EF sends as a query parameter (as it does
    /// a value captured by a lambda), never as a literal.
    /// </summary>
    public static Expression<Func<T, bool>> Bind<T, TValue>(Expression<Func<T, TValue, bool>> rule, TValue value)
    {
        Expression<Func<TValue>> captured = () => value;
        return Expression.Lambda<Func<T, bool>>(new Rebind(rule.Parameters[1], captured.Body).Visit(rule.Body), rule.Parameters[0]);
    }

    /// <summary>The body of <paramref name="rule"/> with its parameters replaced by <paramref name="arguments"/>, in order.</summary>
    public static Expression Substitute(LambdaExpression rule, params Expression[] arguments) =>
        rule.Parameters.Zip(arguments).Aggregate(rule.Body, (body, p) => new Rebind(p.First, p.Second).Visit(body));

    private sealed class Rebind(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
