namespace Entrust.Web.Features.Meetings;

public static class MeetingServices
{
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddScoped<BriefingPackBuilder>();
        services.AddScoped<MeetingBook>();
        return services;
    }
}
