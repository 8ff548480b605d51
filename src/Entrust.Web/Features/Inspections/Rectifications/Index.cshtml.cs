using Entrust.Web.Features.Inspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Inspections.Rectifications;

/// <summary>Rectification orders in scope, by deadline; overdue ones (open past the deadline) on their own filter.</summary>
public sealed class IndexModel(InspectionBook book) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public bool? Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public OrderState? State { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public Paged<OrderDto> Orders { get; private set; } = new([], 0, 1, PageSize);
    public bool MayRecord => book.MayRecord;

    public async Task OnGetAsync(CancellationToken ct) =>
        Orders = await book.Orders(new OrderFilter(Overdue, State, null, null, null, PageNumber, PageSize)).ToPagedAsync(PageNumber, PageSize, ct);
}
