using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Entrust.Web.Platform;

public static class ModelStateErrors
{
    /// <summary>The errors of one posted field, for the view to show beside it (a select drawn by a partial too); null when none.</summary>
    public static string? ErrorsOf(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
}
