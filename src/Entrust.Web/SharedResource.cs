namespace Entrust.Web;

/// <summary>Marker for the one resource set: Resources/SharedResource.resx (简体中文) and SharedResource.en.resx (English).</summary>
public sealed class SharedResource;
