# FFmpeg through pkg-config, as one imported target FFmpeg::FFmpeg, plus the ffmpeg/ffprobe tools
# that make the demo clip and the test media.
#
# STTS_WITH_FFMPEG=OFF is the model-only build for machines with LibTorch but without FFmpeg (a
# GPU node): nothing here is looked up, stts_video only says "use a frames file", and `stts
# score|run --frames-in F.safetensors` runs the model on frames sampled elsewhere by `stts sample
# VIDEO --frames-out F.safetensors`. The demo clip and every test that needs video media are left
# out of such a build.
option(STTS_WITH_FFMPEG "Decode videos with FFmpeg (OFF: model-only build, frames files only)" ON)
if(NOT STTS_WITH_FFMPEG)
  if(STTS_BUILD_GUI)
    message(FATAL_ERROR "The GUI decodes videos and needs FFmpeg: configure with "
                        "-DSTTS_BUILD_GUI=OFF for a build without FFmpeg (STTS_WITH_FFMPEG=OFF)")
  endif()
  message(STATUS "FFmpeg: off (model-only build; video input through frames files)")
  return()
endif()

find_package(PkgConfig REQUIRED)
pkg_check_modules(FFMPEG REQUIRED IMPORTED_TARGET GLOBAL
                  libavformat libavcodec libswscale libavutil)
if(NOT TARGET FFmpeg::FFmpeg)
  add_library(FFmpeg::FFmpeg ALIAS PkgConfig::FFMPEG)
endif()
find_program(FFMPEG_EXECUTABLE ffmpeg REQUIRED)
find_program(FFPROBE_EXECUTABLE ffprobe REQUIRED)
