namespace Entrust.Web.Platform;

public static class Clock
{
    /// <summary>Today in Asia/Shanghai (UTC+8 all year), the day every legal period counts from.</summary>
    public static DateOnly TodayInChina(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));
}
