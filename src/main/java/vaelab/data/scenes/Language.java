package vaelab.data.scenes;

/** The languages the scenes' captions are written in. */
public enum Language {
    ENGLISH, CHINESE
}
