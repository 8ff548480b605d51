using Entrust.Web.Features.Inspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Inspections.Rectifications;

/// <summary>Rectification orders in scope, by deadline; overdue ones (open past the deadline) on their own filter.</summary>
public sealed class IndexModel(InspectionBook book, ListExport export) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public bool? Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public OrderState? State { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<OrderDto> Orders { get; private set; } = new([], 0, 1, PageSize);
    public bool MayRecord => book.MayRecord;

    public async Task OnGetAsync(CancellationToken ct) =>
        Orders = await book.Orders(new OrderFilter(Overdue, State, null, null, null, null, null)).ToPagedAsync(Listing, InspectionBook.OrderSorts, ct);

    /// <summary>What the filter shows, as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.OrdersExportAsync(new OrderFilter(Overdue, State, null, null, null, null, null), Listing, export, ct);
        return File(content, Spreadsheet.ContentType, name);
    }
}
