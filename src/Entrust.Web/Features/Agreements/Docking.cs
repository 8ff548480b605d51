namespace Entrust.Web.Features.Agreements;

/// <summary>
/// 科室对接制: for one department a township holds an agreement with, the township's internal office that is
/// responsible; that office's leader in charge leads the matters.
/// </summary>
public sealed class Docking
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid TownshipId { get; private set; }
    public Guid DepartmentId { get; private set; }
    public Guid InternalOfficeId { get; private set; }

    private Docking() { }

    public Docking(Guid districtId, Guid townshipId, Guid departmentId, Guid internalOfficeId)
    {
        DistrictId = districtId;
        TownshipId = townshipId;
        DepartmentId = departmentId;
        InternalOfficeId = internalOfficeId;
    }

    public void AssignTo(Guid internalOfficeId) => InternalOfficeId = internalOfficeId;
}
